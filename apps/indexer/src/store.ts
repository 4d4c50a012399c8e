// A batch's view of the database: entities are read once, changed in memory and written back
// together at the end of the batch, in an order that puts every referenced row first.

import type { Store } from '@subsquid/typeorm-store';
import type { EntityClass } from '@subsquid/typeorm-store/lib/store';
import type { FindOptionsRelations } from 'typeorm';

export class Entities<T extends { id: string }> {
  private readonly cache = new Map<string, T>();
  private readonly changed = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly entity: EntityClass<T>,
    /** Relations to load with a row, so that writing it back keeps them. */
    private readonly relations?: FindOptionsRelations<T>,
  ) {}

  async get(id: string): Promise<T | undefined> {
    if (this.cache.has(id)) return this.cache.get(id);
    const found = await this.store.findOne(this.entity, { where: { id } as never, relations: this.relations });
    if (found) this.cache.set(id, found);
    return found;
  }

  /** The row, which must exist: an event about an unknown id means the index has a gap. */
  async need(id: string, what: string): Promise<T> {
    const found = await this.get(id);
    if (!found) throw new Error(`indexer: ${what} ${id} is not indexed; the index has a gap (re-index from genesis)`);
    return found;
  }

  put(row: T): T {
    this.cache.set(row.id, row);
    this.changed.add(row.id);
    return row;
  }

  /** Rows changed in this batch, oldest numeric id first (a parent before its child). */
  touched(): T[] {
    const rows = [...this.changed].map((id) => this.cache.get(id)!);
    return rows.sort((a, b) => compareIds(a.id, b.id));
  }
}

function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
}
