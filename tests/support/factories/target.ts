import type { ServiceContext } from '../../../src/services/context.js';

/** What every factory needs: the services' context. A TestApp is one. */
export interface FactoryTarget { ctx: ServiceContext }
