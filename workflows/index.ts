export { appointmentWorkflow } from './appointment.workflow.js';
export { doctorVerificationWorkflow } from './doctor-verification.workflow.js';
