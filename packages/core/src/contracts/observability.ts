import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { token } from './token';

/** The structured logger (pino) every part logs through. @public */
export const LOGGER = token<Logger>('Logger');

/** The prom-client registry every part registers its metrics on. @public */
export const METRICS_REGISTRY = token<Registry>('MetricsRegistry');
