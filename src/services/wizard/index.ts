// The create wizard's logic, for a thin screen: recommend a kind (step 1), pre-fill and edit its
// settings as strings (step 2), build and validate the request (step 3).
export { type AccountContext, type AccountContextPart, loadAccountContext } from './context.js';
export { defaultConfig, pickNetwork, suggestBucketName } from './defaults.js';
export { type FieldSpec, fieldsFor, getField, setField } from './fields.js';
export { type KindRecommendation, type Needs, type Purpose, recommendKind } from './recommend.js';
export { buildRequest } from './request.js';
