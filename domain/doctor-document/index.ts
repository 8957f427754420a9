export * from './doctor-document.schema.js';
export * from './doctor-document.events.js';
export * from './doctor-document.ids.js';
