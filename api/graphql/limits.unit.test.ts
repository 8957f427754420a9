import { describe, expect, it } from 'vitest';
import { costLimitRule } from './cost-limit.js';
import { depthLimitRule } from './depth-limit.js';
import { graphql } from './graphql-cjs.js';
import { schema as apiSdl } from './schema.js';

// A schema with a cycle, so documents can nest as deep as a test likes.
const schema = graphql.buildSchema(`
  type Query { node: Node, nodes(first: Int = 10): [Node!]!, all: [Node!]!, page(first: Int = 10): Page! }
  type Node { name: String, child: Node, children(first: Int = 50): [Node!]! }
  type Page { items: [Node!]!, others: [Node!]!, pageInfo: PageInfo! }
  type PageInfo { hasNextPage: Boolean! }
`);

const apiSchema = graphql.buildSchema(apiSdl);

/** given a document → the extension codes of what the limits refuse. */
function refusals(source: string, against = schema): unknown[] {
  const errors = graphql.validate(against, graphql.parse(source), [depthLimitRule(), costLimitRule()]);
  return errors.map((error) => error.extensions.code);
}

/** What the cost limit counts for a document (a limit of 0 refuses everything, saying the cost). */
function cost(source: string, against = schema): unknown {
  return graphql.validate(against, graphql.parse(source), [costLimitRule(0)])[0]?.extensions.cost;
}

const nested = (levels: number) => '{ ' + 'node { '.repeat(levels - 1) + 'name' + ' }'.repeat(levels);

describe('GraphQL depth limit', () => {
  it('allows 7 levels of data and refuses 8, counting fragments as their fields', () => {
    expect(refusals(nested(7))).toEqual([]);
    expect(refusals(nested(8))).toEqual(['QUERY_TOO_DEEP']);
    expect(
      refusals(
        '{ node { ...F } } fragment F on Node { child { child { child { child { child { child { name } } } } } } }',
      ),
    ).toEqual(['QUERY_TOO_DEEP']);
  });

  it('lets the standard introspection query through, but not a type expanded inside a type', () => {
    expect(refusals(graphql.getIntrospectionQuery())).toEqual([]);
    expect(refusals('{ __schema { types { fields { type { fields { name } } } } } }')).toEqual(['QUERY_TOO_DEEP']);
    expect(
      refusals('{ __type(name: "Node") { fields { type { ' + 'ofType { '.repeat(12) + 'name' + ' }'.repeat(16)),
    ).toEqual(['QUERY_TOO_DEEP']);
  });
});

describe('GraphQL cost limit', () => {
  it('multiplies what a list selects by its `first`, its default, or a guess for unpaged lists', () => {
    // 1 + 200 × (1 + 50 × 1) = 10 201
    expect(refusals('{ nodes(first: 200) { children { name } } }')).toEqual(['QUERY_TOO_COSTLY']);
    // 1 + 10 × (1 + 50 × 1) = 511
    expect(refusals('{ nodes { children { name } } }')).toEqual([]);
    // 1 + 20 × (1 + 200 × 1) = 4 021
    expect(refusals('{ all { children(first: 200) { name } } }')).toEqual([]);
  });

  it('counts a variable `first` as the most it may be, and a `first` above that as the maximum', () => {
    expect(refusals('query($n: Int) { nodes(first: $n) { children(first: $n) { name } } }')).toEqual([
      'QUERY_TOO_COSTLY',
    ]);
    expect(refusals('{ nodes(first: 100000) { name } }')).toEqual([]);
  });

  it('counts fragments and aliases, and leaves introspection to the depth limit', () => {
    expect(
      refusals(
        '{ a: nodes(first: 200) { ...N } b: nodes(first: 200) { ...N } } fragment N on Node { name child { name } children(first: 20) { name } }',
      ),
    ).toEqual(['QUERY_TOO_COSTLY']);
    expect(
      refusals(
        '{ a: nodes(first: 200) { ...N } } fragment N on Node { name child { name } children(first: 20) { name } }',
      ),
    ).toEqual([]);
  });

  it('counts a page object’s items as the `first` of the field returning it, other lists as unpaged', () => {
    // 1 + 1 × (1 + 200 × (1 + 50 × 1)) = 10 202
    expect(refusals('{ page(first: 200) { items { children { name } } } }')).toEqual(['QUERY_TOO_COSTLY']);
    expect(cost('{ page(first: 3) { items { name } pageInfo { hasNextPage } } }')).toBe(1 + (1 + 3 * 1) + 2);
    expect(cost('{ page { items { name } } }')).toBe(1 + (1 + 10 * 1));
    expect(cost('{ page(first: 3) { others { name } } }')).toBe(1 + (1 + 20 * 1));
    expect(cost('query($n: Int) { page(first: $n) { ...P } } fragment P on Page { items { name } }')).toBe(
      1 + (1 + 200 * 1),
    );
  });

  it('lets a full page of doctor search through, counting a variable `first` as the most search allows', () => {
    const card =
      'id displayName practiceName specializations { id name } languages yearsOfExperience ' +
      'methods { method fee { amountMinor currency } } rating reviewCount timeZone nextAvailableAt';
    const literal = cost(`{ doctors(first: 50) { items { ${card} } pageInfo { endCursor } } }`, apiSchema);
    expect(literal).toBeLessThan(5_000);
    expect(cost(`query($n: Int) { doctors(first: $n) { items { ${card} } pageInfo { endCursor } } }`, apiSchema)).toBe(
      literal,
    );
    // 10 searches of 50 full cards in one document are too many.
    const aliases = Array.from({ length: 10 }, (_, i) => `d${i}: doctors(first: 50) { items { ${card} } }`);
    expect(refusals(`{ ${aliases.join(' ')} }`, apiSchema)).toEqual(['QUERY_TOO_COSTLY']);
    // Slots are unpaged and up to 31 days long: each list counts as 200, so a few per document at most.
    const slots = (n: number) =>
      Array.from({ length: n }, (_, i) => `s${i}: doctorSlots(id: "x") { slots { startsAt endsAt seatsLeft } }`);
    expect(refusals(`{ ${slots(10).join(' ')} }`, apiSchema)).toEqual(['QUERY_TOO_COSTLY']);
    expect(refusals(`{ ${slots(5).join(' ')} }`, apiSchema)).toEqual([]);
  });
});
