import { randomUUID } from 'node:crypto';
import type Keyv from 'keyv';
import type { Person } from '../engine/types.js';
import { Collection } from './collection.js';
import type { Customer } from './records.js';

export const identityOf = (p: Pick<Person, 'platform' | 'workspaceId' | 'id'>) => `${p.platform}:${p.workspaceId}:${p.id}`;

/** Unified customer profiles: every platform identity points at one profile. */
export class CustomerRepository {
  private readonly profiles: Collection<Customer>;
  private readonly identities: Collection<string>;
  private readonly emails: Collection<string>;
  /** Profiles merged away by `link` point at the profile they joined. */
  private readonly aliases: Collection<string>;

  constructor(keyv: Keyv) {
    this.profiles = new Collection(keyv, 'customer');
    this.identities = new Collection(keyv, 'identity');
    this.emails = new Collection(keyv, 'customer-email');
    this.aliases = new Collection(keyv, 'customer-alias');
  }

  async get(id: string): Promise<Customer | undefined> {
    return (await this.profiles.get(id)) ?? this.profiles.get((await this.aliases.get(id)) ?? '');
  }

  async save(customer: Customer): Promise<void> {
    await this.profiles.set(customer.id, customer);
    if (customer.email) await this.emails.set(customer.email.toLowerCase(), customer.id);
  }

  async *all(): AsyncGenerator<Customer> {
    for await (const [, customer] of this.profiles.all()) yield customer;
  }

  async findByIdentity(identity: string): Promise<Customer | undefined> {
    const id = await this.identities.get(identity);
    return id ? this.profiles.get(id) : undefined;
  }

  /** The profile of this person, created on first contact; display name and email kept current. */
  async upsert(person: Person, now = new Date()): Promise<Customer> {
    const identity = identityOf(person);
    const existing = await this.findByIdentity(identity);
    const at = now.toISOString();
    if (existing) {
      const name = person.displayName || existing.displayName;
      const email = person.email ?? existing.email;
      if (name === existing.displayName && email === existing.email) return existing;
      const updated = { ...existing, displayName: name, email, updatedAt: at };
      await this.save(updated);
      return updated;
    }
    const byEmail = person.email ? await this.findByEmail(person.email) : undefined;
    if (byEmail) {
      const linked = { ...byEmail, identities: [...byEmail.identities, identity], updatedAt: at };
      await this.save(linked);
      await this.identities.set(identity, linked.id);
      return linked;
    }
    const customer: Customer = {
      id: randomUUID(),
      displayName: person.displayName || person.id,
      email: person.email,
      identities: [identity],
      conversationIds: [],
      createdAt: at,
      updatedAt: at,
    };
    await this.save(customer);
    await this.identities.set(identity, customer.id);
    return customer;
  }

  /** Merges the profile of `other` into `keep`: identities, conversations, latest CES. */
  async link(keepId: string, otherId: string, now = new Date()): Promise<Customer> {
    const keep = await this.get(keepId);
    const other = await this.get(otherId);
    if (!keep || !other) throw new Error(`unknown customer ${keep ? otherId : keepId}`);
    if (keep.id === other.id) return keep;
    const lastCes = [keep.lastCes, other.lastCes].filter((x) => x !== undefined).sort((a, b) => b.at.localeCompare(a.at))[0];
    const merged: Customer = {
      ...keep,
      email: keep.email ?? other.email,
      identities: [...new Set([...keep.identities, ...other.identities])],
      conversationIds: [...new Set([...keep.conversationIds, ...other.conversationIds])],
      lastCes,
      updatedAt: now.toISOString(),
    };
    await this.save(merged);
    for (const identity of other.identities) await this.identities.set(identity, merged.id);
    await this.profiles.delete(other.id);
    await this.aliases.set(other.id, merged.id);
    return merged;
  }

  /** Removes the profile and everything that leads to it (identities, email, merged-away profiles). */
  async forget(customer: Customer): Promise<void> {
    for (const identity of customer.identities) await this.identities.delete(identity);
    if (customer.email && (await this.emails.get(customer.email.toLowerCase())) === customer.id) await this.emails.delete(customer.email.toLowerCase());
    for await (const [alias, target] of this.aliases.all()) if (target === customer.id) await this.aliases.delete(alias);
    await this.profiles.delete(customer.id);
  }

  private async findByEmail(email: string): Promise<Customer | undefined> {
    const id = await this.emails.get(email.toLowerCase());
    return id ? this.get(id) : undefined;
  }
}
