/**
 * A cost limit for GraphQL documents, as a validation rule: each field costs 1, and a list field
 * multiplies the cost of what is selected inside it by the number of items it may return (its
 * `first` argument, else that argument's default, else what the domain bounds it to, else a fixed
 * guess). A page object (a type with `items` and `pageInfo`, such as doctors' DoctorSearchResult)
 * returned by a field with `first` holds that many items. A document above the limit is refused
 * before anything runs, with the extension code QUERY_TOO_COSTLY.
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
import { DOCTOR_SEARCH_MAX_FIRST } from '../reads/doctor-search-reads.js';
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
/** Fields whose resolvers refuse a `first` above less than MAX_LIST_SIZE (their zod argument schemas). */
const FIRST_MAX: Readonly<Record<string, number>> = {
  'Query.doctors': DOCTOR_SEARCH_MAX_FIRST,
  'Query.doctorReviews': 50,
};
/** Unpaged lists whose length is known better than that guess, by item type. */
const LIST_SIZES: Readonly<Record<string, number>> = {
  MethodFee: 4, // one per consultation method
  Specialization: 10, // a practice profile lists at most 10
  PracticeSpecialization: 10,
  Slot: MAX_LIST_SIZE, // up to 31 days of slots, unpaged: count them as the longest list
};

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
  /** The `first` of the field returning this page object, if it is one: the size of its `items`. */
  pageSize?: number,
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
          ? selectionCost(
              context,
              selection.selectionSet,
              type,
              fragmentsInUse,
              pageSizeOf(parentType, field, selection),
            )
          : 0;
      total += 1 + listSize(parentType, field, selection, pageSize) * inner;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition
        ? context.getSchema().getType(selection.typeCondition.name.value)
        : parentType;
      if (type && isCompositeType(type)) {
        total += selectionCost(context, selection.selectionSet, type, fragmentsInUse, pageSize);
      }
    } else {
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      const type = fragment && context.getSchema().getType(fragment.typeCondition.name.value);
      // A fragment inside itself is a cycle, reported by NoFragmentCyclesRule; do not loop on it.
      if (!fragment || !type || !isCompositeType(type) || fragmentsInUse.has(name)) continue;
      fragmentsInUse.add(name);
      total += selectionCost(context, fragment.selectionSet, type, fragmentsInUse, pageSize);
      fragmentsInUse.delete(name);
    }
  }
  return total;
}

function listSize(
  parentType: GraphQLCompositeType,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  pageSize: number | undefined,
): number {
  if (!isListType(getNullableType(field.type))) return 1;
  const first = requestedFirst(parentType, field, node);
  if (first !== undefined) return first;
  if (field.name === 'items' && pageSize !== undefined) return pageSize;
  return LIST_SIZES[getNamedType(field.type).name] ?? UNPAGED_LIST_SIZE;
}

/** A page object's size: the `first` of the (non-list) field returning a type with `items` and `pageInfo`. */
function pageSizeOf(
  parentType: GraphQLCompositeType,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
): number | undefined {
  const type = getNullableType(field.type);
  if (!isObjectType(type)) return undefined;
  const fields = type.getFields();
  return fields.items && fields.pageInfo ? requestedFirst(parentType, field, node) : undefined;
}

/** The `first` asked for (a variable as the most it may be), else its default; undefined without one. */
function requestedFirst(
  parentType: GraphQLCompositeType,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
): number | undefined {
  const most = FIRST_MAX[`${parentType.name}.${field.name}`] ?? MAX_LIST_SIZE;
  const argument = node.arguments?.find((arg) => arg.name.value === 'first');
  if (argument?.value.kind === Kind.INT) return Math.min(Number(argument.value.value), most);
  if (argument) return most; // a variable: assume the most it may ask for
  const fallback = field.args.find((arg) => arg.name === 'first')?.defaultValue;
  return typeof fallback === 'number' ? Math.min(fallback, most) : undefined;
}
