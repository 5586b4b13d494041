import type { WorkGroup } from './catalogue';
import { FieldReader } from './reference-fields';
import type { RawReferenceFields, Validation } from './reference-fields';

/** A work group as reference data: numeric code, name, group email, manager's Keycloak user id. */
export function validateWorkGroup(fields: RawReferenceFields): Validation<WorkGroup> {
  const read = new FieldReader(fields);
  const group: WorkGroup = { code: read.code('code'), name: read.text('name'), email: read.email('email'), managerId: read.text('managerId') };
  return read.result(group);
}
