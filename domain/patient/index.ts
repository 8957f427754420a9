export * from './patient.profile.js';
export * from './patient.events.js';
export * from './patient.commands.js';
export * from './patient.state.js';
export * from './patient.decide.js';
