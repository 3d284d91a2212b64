import { token } from '../contracts/token';
import type { SchedulerFramework } from './framework';

/** The framework built from the registered plugins and the active profile. @public */
export const SCHEDULER_FRAMEWORK = token<SchedulerFramework>('SchedulerFramework');
