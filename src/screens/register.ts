// Registers the screens that plug into the shell. Imported once by the CLI
// and by the screen-test render helper.
import './create/register.js';
import './delete.js';
import './charts.js';
import './analytics/register.js';
import './mount/register.js';
export {};
