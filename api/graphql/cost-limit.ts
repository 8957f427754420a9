/**
 * A cost limit for GraphQL documents, as a validation rule: each field costs 1, and a list field
 * multiplies the cost of what is selected inside it by the number of items it may return (its
 * `first` argument, else that argument's default, else a fixed guess). A document above the
 * limit is refused before anything runs, with the extension code QUERY_TOO_COSTLY.
 * Introspection (`__schema`, `__type`) is bounded by the schema and the depth limit, not by data,
 * so it costs nothing here.
 */
import type {
  FieldNode,
  GraphQLCompositeType,
  GraphQLField,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
} from 'graphql';
import { graphql } from './graphql-cjs.js';

const {
  GraphQLError,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
} = graphql;

export const MAX_QUERY_COST = 5_000;
/** The most items any list field returns (resolvers refuse a larger `first`). */
export const MAX_LIST_SIZE = 200;
/** Lists without a `first` argument (a guardian's dependants, say) are counted as this many. */
const UNPAGED_LIST_SIZE = 20;

export function costLimitRule(maxCost = MAX_QUERY_COST): ValidationRule {
  return (context) => ({
    OperationDefinition(node) {
      const schema = context.getSchema();
      const root =
        node.operation === 'query'
          ? schema.getQueryType()
          : node.operation === 'mutation'
            ? schema.getMutationType()
            : schema.getSubscriptionType();
      if (!root) return;
      const cost = selectionCost(context, node.selectionSet, root, new Set());
      if (cost > maxCost) {
        context.reportError(
          new GraphQLError(
            `This query could cost ${cost}, above the limit of ${maxCost}: ask for fewer items or fields.`,
            { nodes: [node], extensions: { code: 'QUERY_TOO_COSTLY', cost, maxCost } },
          ),
        );
      }
    },
  });
}

function selectionCost(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  parentType: GraphQLCompositeType,
  fragmentsInUse: Set<string>,
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      const fields = isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields() : {};
      const field = fields[selection.name.value];
      if (!field) continue; // unknown fields are reported by the specification's rules
      const type = getNamedType(field.type);
      const inner =
        selection.selectionSet && isCompositeType(type)
          ? selectionCost(context, selection.selectionSet, type, fragmentsInUse)
          : 0;
      total += 1 + listSize(field, selection) * inner;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition
        ? context.getSchema().getType(selection.typeCondition.name.value)
        : parentType;
      if (type && isCompositeType(type)) total += selectionCost(context, selection.selectionSet, type, fragmentsInUse);
    } else {
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      const type = fragment && context.getSchema().getType(fragment.typeCondition.name.value);
      // A fragment inside itself is a cycle, reported by NoFragmentCyclesRule; do not loop on it.
      if (!fragment || !type || !isCompositeType(type) || fragmentsInUse.has(name)) continue;
      fragmentsInUse.add(name);
      total += selectionCost(context, fragment.selectionSet, type, fragmentsInUse);
      fragmentsInUse.delete(name);
    }
  }
  return total;
}

function listSize(field: GraphQLField<unknown, unknown>, node: FieldNode): number {
  if (!isListType(getNullableType(field.type))) return 1;
  const argument = node.arguments?.find((arg) => arg.name.value === 'first');
  if (argument?.value.kind === Kind.INT) return Math.min(Number(argument.value.value), MAX_LIST_SIZE);
  if (argument) return MAX_LIST_SIZE; // a variable: assume the most it may ask for
  const fallback = field.args.find((arg) => arg.name === 'first')?.defaultValue;
  return typeof fallback === 'number' ? Math.min(fallback, MAX_LIST_SIZE) : UNPAGED_LIST_SIZE;
}
