export * from './appointment.events.js';
export * from './appointment.commands.js';
export * from './appointment.state.js';
export * from './appointment.decide.js';
