/** Reading bulk selections from the page: detectors (Deskflow markup, ARIA grids) and the watcher. */
export * from './aria';
export * from './count';
export * from './deskflow';
export * from './types';
export * from './watcher';
export * from './actions';
