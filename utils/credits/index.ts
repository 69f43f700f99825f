/** The credit rules: pure functions shared by the background, the popup and the content script. */
export * from './badge';
export * from './forecast';
export * from './format';
export * from './packages';
export * from './strings';
export * from './time';
