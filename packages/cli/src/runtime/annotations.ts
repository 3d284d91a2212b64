/**
 * Annotations `lifeboat apply` writes on a Binding for the member agents: core's model has no
 * field for how long a replica takes to start, which only the stand-in members need.
 */
export const STARTUP_SECONDS_ANNOTATION = 'lifeboat.dev/startup-seconds';
