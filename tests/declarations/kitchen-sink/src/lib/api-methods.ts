// A class that is not exported, whose members use types of this module that are not exported
// either, extended by an exported class: tsc keeps the types (and the import) the members use.
import type { Level } from './enums';

type PageOptions = Readonly<{ limit?: number; after?: string }>;

interface Page {
  items: string[];
  next?: string;
}

class ApiMethods {
  list = async (query: string, options?: PageOptions): Promise<Page> => ({ items: [query], next: options?.after });
  // A default before a required parameter: `user: string | undefined`, not `user?: string`.
  byOwner = async (user = 'me', name: string): Promise<string> => `${user}/${name}`;
  atLevel(level: Level): Level {
    return level;
  }
}

export class MethodsApi extends ApiMethods {}
