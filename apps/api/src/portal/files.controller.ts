import { Controller, Get, Inject, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, ForResidents } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { isResidentAccount } from '@switchboard/identity/domain';
import { FileStorage, Operation, Problems, ZodParam } from '@switchboard/platform';
import { entityId } from '../http/inputs';
import { notFound } from '../http/list-query';

/**
 * Uploaded files (residents' photos on requests): a resident reads the files they uploaded; staff
 * read any (they see them on the request card). Others' files are "not found" to a resident.
 */
@ApiTags('portal')
@ApiBearerAuth()
@ForResidents()
@Problems(401, 404)
@Controller('files')
export class FilesController {
  constructor(@Inject(FileStorage) private readonly files: FileStorage) {}

  @Get(':id')
  @ApiProduces('image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf')
  @Operation('getFile', 'The bytes of an uploaded file (photos on a request card).')
  @ApiResponse({
    status: 200,
    description: 'The file, with its content type.',
    content: Object.fromEntries(
      ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf'].map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
    ),
  })
  async byId(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.files.get(id);
    if (!file || (isResidentAccount(principal.roles) && file.meta.owner !== principal.userId)) {
      file?.content.destroy();
      throw notFound('file', id);
    }
    res.setHeader('Cache-Control', 'private, max-age=86400, immutable');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (file.meta.contentType === 'application/pdf') res.setHeader('Content-Disposition', 'attachment');
    return new StreamableFile(file.content, { type: file.meta.contentType, length: file.meta.size });
  }
}
