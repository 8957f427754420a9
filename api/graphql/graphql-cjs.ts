/**
 * graphql as mercurius sees it. graphql ships a CommonJS and an ESM build; mercurius (CommonJS)
 * loads the first, an `import` from here would load the second, and their classes differ:
 * `instanceof GraphQLError` fails and `isListType` throws "from another module or realm". Code
 * that touches mercurius' schema, documents or errors takes graphql's values from here (types
 * may still be imported with `import type`).
 */
import { createRequire } from 'node:module';

export const graphql = createRequire(import.meta.url)('graphql') as typeof import('graphql');
