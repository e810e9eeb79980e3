import { BadRequestException, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

/**
 * Request bodies are validated strictly: unknown properties are errors (a typo must not be
 * silently ignored), and every message names the field's path (`features.3.edges`).
 */
export const STRICT_BODY = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  exceptionFactory: (errors: ValidationError[]) => new BadRequestException(`invalid request body: ${flatten(errors).join('; ')}`),
});

function flatten(errors: ValidationError[], parent = ''): string[] {
  const out: string[] = [];
  for (const e of errors) {
    const path = parent ? `${parent}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) {
      // class-validator starts with the property's name ("count must be…", "property x should
      // not exist"): put its full path there instead.
      const named = [`${e.property} `, `property ${e.property} `].find((prefix) => message.startsWith(prefix));
      out.push(named ? `${path} ${message.slice(named.length)}` : `${path}: ${message}`);
    }
    if (e.children?.length) out.push(...flatten(e.children, path));
  }
  // A body of thousands of bad values: the first few tell what is wrong.
  return out.length > 10 ? [...out.slice(0, 10), `and ${out.length - 10} more`] : out;
}
