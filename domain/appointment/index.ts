export * from './appointment.events.js';
export * from './appointment.commands.js';
export * from './appointment.state.js';
export * from './appointment.decide.js';
export * from './appointment.timings.js';
export * from './cancellation-policy.js';
export * from './prescription.js';
export * from './appointment.deadlines.js';
