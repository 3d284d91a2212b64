/**
 * The API group of Lifeboat's custom resources on a hub cluster (`clusters.lifeboat.dev`,
 * `bindings.lifeboat.dev`).
 * @public
 */
export const LIFEBOAT_API_GROUP = 'lifeboat.dev';

/** The served and stored version of Lifeboat's custom resources. @public */
export const LIFEBOAT_API_VERSION = 'v1alpha1';
