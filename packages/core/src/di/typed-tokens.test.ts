import 'reflect-metadata';
import {
  container as rootContainer,
  inject,
  injectable,
  instancePerContainerCachingFactory,
  Lifecycle,
} from 'tsyringe';
import { CLOCK, type Clock } from '../contracts/clock';
import { SCHEDULER_PLUGINS, type PluginRegistration } from '../contracts/scheduler-plugins';
import { TAINTER, type Tainter } from '../contracts/tainter';
import { multiToken, token } from '../contracts/token';
import { VirtualClock } from '../clock/virtual-clock';
import { register, registerAll } from './register';
import { resolve, resolveAll } from './resolve';

// This file is a type test as well as a jest suite: `tsc -p packages/core/tsconfig.json` compiles
// it, and every `@ts-expect-error` line must really be an error, or tsc fails on the unused
// directive. The lines still run under jest (types are erased), so each test also shows what
// the compiler saved the caller from.

const tainter: Tainter = { reconcile: () => ({ add: [], remove: [] }) };
const filter: PluginRegistration = {
  name: 'Never',
  factory: () => ({ name: 'Never', filter: () => undefined as never }),
};

function child() {
  return rootContainer.createChildContainer();
}

describe('register', () => {
  it('accepts a part of the token type and refuses anything else at compile time', () => {
    const c = child();
    register(c, TAINTER, { useValue: tainter });
    expect(resolve(c, TAINTER)).toBe(tainter);

    // @ts-expect-error -- a number is not a Tainter
    register(c, TAINTER, { useValue: 42 });
    expect(resolve(c, TAINTER)).toBe(42);

    // @ts-expect-error -- a factory must return the token type too
    register(c, TAINTER, { useFactory: () => 'tainter' });
    // @ts-expect-error -- an explicit type argument cannot widen the token (its type is invariant)
    register<object>(c, TAINTER, { useValue: {} });
    // @ts-expect-error -- a plain symbol carries no type, so it is not a token
    register(c, Symbol('Tainter'), { useValue: tainter });
  });

  it('builds an injectable class with the given lifecycle', () => {
    @injectable()
    class ClockTainter implements Tainter {
      constructor(@inject(CLOCK) readonly clock: Clock) {}
      reconcile() {
        return { add: [], remove: [] };
      }
    }
    const clock = new VirtualClock(0);
    const c = child();
    register(c, CLOCK, { useValue: clock });
    register(c, TAINTER, { useClass: ClockTainter, lifecycle: Lifecycle.ContainerScoped });
    const first = resolve(c, TAINTER);
    expect((first as ClockTainter).clock).toBe(clock);
    expect(resolve(c, TAINTER)).toBe(first);

    class NotATainter {
      readonly size = 3;
    }
    // @ts-expect-error -- the class must implement the token type
    register(c, TAINTER, { useClass: NotATainter });
  });

  it('appends to a list token; the last registration of a single token wins', () => {
    const c = child();
    const other: Tainter = { reconcile: () => ({ add: [], remove: [] }) };
    register(c, TAINTER, { useValue: tainter });
    register(c, TAINTER, { useValue: other });
    expect(resolve(c, TAINTER)).toBe(other);

    const second = { ...filter, name: 'Second' };
    register(c, SCHEDULER_PLUGINS, { useValue: filter });
    registerAll(c, SCHEDULER_PLUGINS, [
      { useValue: second },
      { useFactory: instancePerContainerCachingFactory(() => ({ ...filter, name: 'Third' })) },
    ]);
    expect(resolveAll(c, SCHEDULER_PLUGINS).map((p) => p.name)).toEqual([
      'Never',
      'Second',
      'Third',
    ]);

    // @ts-expect-error -- registerAll takes a list token only
    registerAll(c, TAINTER, [{ useValue: tainter }]);
    // @ts-expect-error -- every entry must have the token type
    registerAll(c, SCHEDULER_PLUGINS, [{ useValue: filter }, { useValue: tainter }]);
  });
});

describe('resolve', () => {
  it('returns the token type, so a variable of another type does not compile', () => {
    const c = child();
    register(c, TAINTER, { useValue: tainter });
    const mine: Tainter = resolve(c, TAINTER);
    expect(mine).toBe(tainter);

    // @ts-expect-error -- a Tainter is not a number
    const n: number = resolve(c, TAINTER);
    expect(typeof n).toBe('object');

    // @ts-expect-error -- an explicit type argument cannot change what the token holds
    resolve<number>(c, TAINTER);
    const second = { ...filter, name: 'Second' };
    registerAll(c, SCHEDULER_PLUGINS, [{ useValue: filter }, { useValue: second }]);
    // @ts-expect-error -- resolve on a list token would return only the last entry
    expect(resolve(c, SCHEDULER_PLUGINS)).toBe(second);
  });

  it('resolveAll returns the entries typed, and an empty list when none is registered', () => {
    const c = child();
    expect(resolveAll(c, SCHEDULER_PLUGINS)).toEqual([]);
    registerAll(c, SCHEDULER_PLUGINS, [{ useValue: filter }]);
    const names: string[] = resolveAll(c, SCHEDULER_PLUGINS).map((p) => p.name);
    expect(names).toEqual(['Never']);

    // @ts-expect-error -- plugin registrations are not taints
    const wrong: Tainter[] = resolveAll(c, SCHEDULER_PLUGINS);
    expect(wrong[0]).toBe(filter);
    // @ts-expect-error -- resolveAll takes a list token only
    resolveAll(c, TAINTER);
  });

  it('works for tokens made outside core, with their own names', () => {
    const c = child();
    const SIZE = token<number>('@example/app:Size');
    const SIZES = multiToken<number>('@example/app:Sizes');
    register(c, SIZE, { useValue: 3 });
    registerAll(c, SIZES, [{ useValue: 1 }, { useValue: 2 }]);
    expect(resolve(c, SIZE) + resolveAll(c, SIZES).reduce((a, b) => a + b, 0)).toBe(6);
    expect(SIZE.description).toBe('@example/app:Size');
    expect(token('Tainter')).toBe(TAINTER);

    // @ts-expect-error -- a string is not a number
    register(c, SIZE, { useValue: '3' });
    // @ts-expect-error -- a single token is not a list token
    registerAll(c, SIZE, [{ useValue: 3 }]);
  });

  it('resolves an injectable class by its constructor', () => {
    @injectable()
    class NeedsClock {
      constructor(@inject(CLOCK) readonly clock: Clock) {}
    }
    const c = child();
    const clock = new VirtualClock(5);
    register(c, CLOCK, { useValue: clock });
    const built: NeedsClock = resolve(c, NeedsClock);
    expect(built.clock.now()).toBe(5);
  });
});
