// Registers the screens that plug into the shell. Imported once by the CLI
// and by the screen-test render helper. The detail charts and list sparklines
// are drawn with the first frames; the rest load on first use or right after
// the first frame (see registerLazyScreen).
import { registerLazyScreen } from '../app/screens.js';
import './charts.js';

registerLazyScreen('create', () => import('./create/register.js').then((m) => m.createScreenDef()));
registerLazyScreen('delete', () => import('./delete.js').then((m) => m.deleteScreenDef()));
registerLazyScreen('analytics', () => import('./analytics/register.js').then((m) => m.analyticsScreenDef()));
registerLazyScreen('mount', () => import('./mount/register.js').then((m) => m.mountScreenDef()));
