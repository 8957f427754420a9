export * from './verification.events.js';
export * from './verification.commands.js';
export * from './verification.state.js';
export * from './verification.decide.js';
