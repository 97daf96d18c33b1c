import Kitchen, {
  BaseService,
  ClientOptions,
  Colour,
  Computed,
  Counter,
  DefaultClass,
  DeepReadonly,
  Flag,
  Geometry,
  Handler,
  Level,
  Maybe,
  Paginated,
  Repository,
  ServerOptions,
  defaultFunction,
  defaultLevel,
  defaultValue,
  greet,
  parse,
  shapes,
  visible,
} from './dist/index';
// @ts-expect-error hidden is not exported from the entry
import { hidden } from './dist/index';
// @ts-expect-error internalHelper is @internal and stripped
import { internalHelper } from './dist/index';
import type { IncomingMessage } from 'http';

const level: Level = Level.Error;
const colour: `${Colour}` = Colour.Green;
// @ts-expect-error 'blue' is not a Colour
const notColour: `${Colour}` = 'blue';
const flag: Flag = Flag.One | Flag.Two;
const computed: number = Computed.B;
const info: Level.Info = defaultLevel;

const square: shapes.Shape = { kind: 'square', side: 2 };
const area: number = shapes.area(square);
// @ts-expect-error triangle is not a shape
shapes.area({ kind: 'triangle' });
const width: number = shapes.unit.width;

const repo = new Repository<{ id: number; title: string }>('todos');
const title: string | undefined = repo.add({ id: 1, title: 'x' }).get(1)?.title;
// @ts-expect-error items is protected
repo.items;
// @ts-expect-error the entity needs an id
new Repository<{ title: string }>('bad');
const size: number = repo.size;
repo.label = 'x';
const instances: number = Repository.instances;

class Service extends BaseService<{ url: string }> {
  readonly name = 'svc';
  async start(): Promise<void> {}
}
const described: string = new Service({ url: '' }).describe();
// @ts-expect-error BaseService is abstract
new BaseService({});

const counter = new Counter(2);
const counted: number = counter.increment() + counter.count;

const n: number = parse('1');
const s: string = parse(1);
// @ts-expect-error parse takes a string or a number
parse(true);
const greeting: string = greet(greet.defaultName);
const point: Geometry.Point = { x: 0, y: 1 };
const distance: number = Geometry.distance(point, point) + Geometry.Units.metre;

const client: ClientOptions = { baseUrl: '/' };
const server: ServerOptions = { port: 1, host: 'h' };
// @ts-expect-error ClientOptions and ServerOptions are different interfaces
const wrong: ServerOptions = client;
const handler: Handler<number> = event => {
  const e: number = event;
};
const page: Paginated<string> = { items: ['a'] };
const maybe: Maybe<number> = undefined;
const frozen: DeepReadonly<{ a: { b: number } }> = { a: { b: 1 } };
// @ts-expect-error readonly all the way down
frozen.a.b = 2;

const hello: string = new DefaultClass().hello();
const sum: number = defaultFunction(1, 2);
const valueLevel: Level = defaultValue.level;
const valueName: string = defaultValue.name;
const kitchen: Kitchen = Kitchen.create();
const kitchenCount: number = kitchen.counter.count;
const v: string = visible();

declare const request: IncomingMessage;
const user: string | undefined = request.kitchenUser;
declare const globalThing: KitchenGlobal;
const version: string = globalThing.kitchenVersion;

export {
  hidden, internalHelper, level, colour, notColour, flag, computed, info, area, width, title, size,
  instances, described, counted, n, s, greeting, distance, client, server, wrong, handler, page, maybe,
  hello, sum, valueLevel, valueName, kitchenCount, v, user, version,
};

import { makeBuilder, type Builder } from './dist/index';
import * as kitchenSink from './dist/index';
const built: Builder<number> = makeBuilder(1);
const wrapped: number | undefined = built.wrap();
// @ts-expect-error wrap gives a Maybe<number>, not a string
const wrappedWrong: string | undefined = built.wrap();
const finished: number = built.finish((text: string) => text.length);
// @ts-expect-error a finisher takes a string
built.finish((n: number) => n);
// @ts-expect-error Builder is exported with `export type`: it cannot be used as a value
new kitchenSink.Builder(2);
import { brandIt, type Branded } from './dist/index';
const branded: Branded<number> = brandIt(3);
const unwrapped: number = branded();
// @ts-expect-error a Branded<number> gives numbers
const unwrappedWrong: string = branded();
export { wrapped, wrappedWrong, finished, unwrapped, unwrappedWrong };
import { after } from './dist/index';
const afterFlag: boolean = after(true).flag;
const afterLabel: 'after' = after(true).label;
// @ts-expect-error the shorthand member keeps the parameter's type
const afterFlagWrong: string = after(true).flag;
export { afterFlag, afterLabel, afterFlagWrong };
import { jsonConfig, limits, features, firstRow, mixed, settings } from './dist/index';
const jsonPort: number = jsonConfig.port;
// @ts-expect-error a JSON number is typed number
const jsonPortWrong: string = jsonConfig.port;
const jsonOff: null = limits.off;
// @ts-expect-error an empty JSON array holds nothing
limits.none.push('feature');
const jsonFeature: string = features()[0];
const jsonLabel: string | undefined = firstRow.label;
// @ts-expect-error an element is one of the array's shapes: its label may be missing
const jsonLabelWrong: string = firstRow.label;
const jsonMixed: string | number | boolean | null = mixed[0];
// @ts-expect-error mixed elements are a union
const jsonMixedWrong: number = mixed[0];
const jsonDash: boolean = settings['with-dash'];
// @ts-expect-error the re-exported JSON binding is typed from the file
const jsonDashWrong: string = settings['with-dash'];
export { jsonPort, jsonPortWrong, jsonOff, jsonFeature, jsonLabel, jsonLabelWrong };
export { jsonMixed, jsonMixedWrong, jsonDash, jsonDashWrong };
import { MethodsApi } from './dist/index';
const methods = new MethodsApi();
const firstItems: Promise<string[]> = methods.list('q', { limit: 1 }).then(page => page.items);
// @ts-expect-error the page options' limit is a number
methods.list('q', { limit: '1' });
const owned: Promise<string> = methods.byOwner(undefined, 'repo');
// @ts-expect-error the name is required after the owner
methods.byOwner('me');
export { firstItems, owned };
