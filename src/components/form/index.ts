// Reusable form fields: text, number, select, toggle and secret. Each is a
// pure reducer (state + FormKey -> state) and a view; the screen that owns
// the form keeps the state and routes keys from the shell's one dispatcher.
export { formKey, isTyping, keyOf, type FormKey } from './keys.js';
export { textReduce, textState, textWindow, type TextOptions, type TextState } from './text.js';
export { numberReduce, parseNumberText, type NumberOptions } from './number.js';
export { toggleReduce, toggleText } from './toggle.js';
export { SECRET_MASK_CHAR, secretReduce, secretText } from './secret.js';
export { cycleOption, filterOptions, optionLabel, selectReduce, selectState, type SelectConfig, type SelectOption, type SelectResult, type SelectState } from './select.js';
export { wrapPreformatted, wrapText } from './wrap.js';
export { useRefState } from './use-ref-state.js';
export { SecretInput, SelectList, TextInput, ToggleView, type FormColors } from './views.js';
