export * from './doctor.schema.js';
export * from './doctor.events.js';
export * from './doctor.commands.js';
export * from './doctor.state.js';
export * from './doctor.decide.js';
export * from './doctor.ids.js';
