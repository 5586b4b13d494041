import type { Service } from './catalogue';
import { FieldReader } from './reference-fields';
import type { RawReferenceFields, Validation } from './reference-fields';

/** A service as reference data: numeric code, name and the code of the work group that handles it. */
export function validateService(fields: RawReferenceFields): Validation<Service> {
  const read = new FieldReader(fields);
  const service: Service = { code: read.code('code'), name: read.text('name'), workGroupCode: read.code('workGroupCode') };
  return read.result(service);
}
