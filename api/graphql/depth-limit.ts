/**
 * A depth limit for GraphQL documents, as a validation rule (extension code QUERY_TOO_DEEP).
 *
 * Not mercurius' `queryDepth` option: that one counts introspection like data, and the standard
 * introspection query (GraphiQL's, graphql's getIntrospectionQuery) nests type references about
 * 13 deep, so a limit of 7 would refuse it. Here data fields are held to `maxDepth` (7), while an
 * introspection subtree (`__schema`, `__type`) gets `maxIntrospectionDepth` and may expand a type's
 * members (fields, inputFields, interfaces, possibleTypes) only once along a path: expanding them
 * again (`fields { type { fields { … } } }`) is the classic way to make introspection explode, and
 * no introspection client needs it. Depth is counted as mercurius counts it: a fragment spread
 * adds no level of its own.
 */
import type { FragmentDefinitionNode, SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';
import { graphql } from './graphql-cjs.js';

export const MAX_QUERY_DEPTH = 7;
export const MAX_INTROSPECTION_DEPTH = 15;
const TYPE_EXPANSIONS = new Set(['fields', 'inputFields', 'interfaces', 'possibleTypes']);

interface Walk {
  readonly depth: number;
  /** Inside `__schema` or `__type`. */
  readonly introspection: boolean;
  readonly expansions: number;
}

export function depthLimitRule(limits: { maxDepth?: number; maxIntrospectionDepth?: number } = {}): ValidationRule {
  const maxDepth = limits.maxDepth ?? MAX_QUERY_DEPTH;
  const maxIntrospectionDepth = limits.maxIntrospectionDepth ?? MAX_INTROSPECTION_DEPTH;
  return (context) => ({
    OperationDefinition(node) {
      const problem = check(context, node.selectionSet, { depth: 0, introspection: false, expansions: 0 }, new Set());
      if (!problem) return;
      const message =
        problem === 'depth'
          ? `This query nests deeper than ${maxDepth} levels (${maxIntrospectionDepth} for introspection).`
          : 'Introspection may expand a type’s members only once along a path.';
      context.reportError(new graphql.GraphQLError(message, { nodes: [node], extensions: { code: 'QUERY_TOO_DEEP' } }));
    },
  });

  function check(
    context: ValidationContext,
    selectionSet: SelectionSetNode,
    walk: Walk,
    fragmentsInUse: Set<string>,
  ): 'depth' | 'expansion' | undefined {
    for (const selection of selectionSet.selections) {
      if (selection.kind === graphql.Kind.FIELD) {
        const name = selection.name.value;
        const introspection = walk.introspection || name === '__schema' || name === '__type';
        const expansions = walk.expansions + (introspection && TYPE_EXPANSIONS.has(name) ? 1 : 0);
        const depth = walk.depth + 1;
        if (depth > (introspection ? maxIntrospectionDepth : maxDepth)) return 'depth';
        if (expansions > 1) return 'expansion';
        const inner =
          selection.selectionSet &&
          check(context, selection.selectionSet, { depth, introspection, expansions }, fragmentsInUse);
        if (inner) return inner;
      } else if (selection.kind === graphql.Kind.INLINE_FRAGMENT) {
        const inner = check(context, selection.selectionSet, walk, fragmentsInUse);
        if (inner) return inner;
      } else {
        const name = selection.name.value;
        const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(name);
        // A fragment inside itself is a cycle, reported by NoFragmentCyclesRule; do not loop on it.
        if (!fragment || fragmentsInUse.has(name)) continue;
        fragmentsInUse.add(name);
        const inner = check(context, fragment.selectionSet, walk, fragmentsInUse);
        fragmentsInUse.delete(name);
        if (inner) return inner;
      }
    }
    return undefined;
  }
}
