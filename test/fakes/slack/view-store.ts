/** Views opened through views.open, so views.update and view_submission fixtures can find them. */
export class ViewStore {
  private readonly views = new Map<string, Record<string, unknown>>();
  private counter = 0;

  newId(): string {
    this.counter += 1;
    return `V0VIEW${String(this.counter).padStart(5, '0')}`;
  }

  newHash(): string {
    this.counter += 1;
    return `1700000000.${String(this.counter).padStart(8, '0')}`;
  }

  get(id: string): Record<string, unknown> | undefined {
    return this.views.get(id);
  }

  findByExternalId(externalId: string): Record<string, unknown> | undefined {
    return [...this.views.values()].find((view) => view.external_id === externalId);
  }

  save(view: Record<string, unknown> & { id: string }): void {
    this.views.set(view.id, view);
  }

  clear(): void {
    this.views.clear();
  }
}
