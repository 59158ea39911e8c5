import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ValidationRule } from 'graphql';

/**
 * Limits on what one operation may ask for (ARCHITECTURE.md, "Security"). Sized for the
 * heaviest screens we know (a page of 100 appeals with instructions, visits and audit trails is
 * depth ~6 and cost ~1,500); introspection queries are exempt from the depth limit.
 * Rejections surface as GRAPHQL_VALIDATION_FAILED (HTTP 400) before any subgraph is called.
 */
export function createArmor(production: boolean): { plugins: ApolloServerPlugin<BaseContext>[]; validationRules: ValidationRule[] } {
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 15 },
    costLimit: { maxCost: 5000 },
    maxTokens: { n: 2000 },
    maxDirectives: { n: 50 },
    // Field suggestions ("Did you mean ...?") reveal the schema; only hide them where introspection is off.
    blockFieldSuggestion: { enabled: production },
  }).protect();
  // graphql-armor's typings come from @apollo/server's CommonJS build and ours from its ESM
  // build; HeaderMap's private brand makes them nominally different, though identical at runtime.
  return { plugins: armor.plugins as unknown as ApolloServerPlugin<BaseContext>[], validationRules: armor.validationRules };
}
