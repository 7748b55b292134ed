import { fileURLToPath } from 'node:url';

/** The page's assets, as served (embedded-web/src/main/resources/...), with a trailing slash. */
export const ASSETS = fileURLToPath(new URL('../../../../main/resources/org/ssewatch/web/assets/', import.meta.url));
