import { Module } from '@nestjs/common';
import { RelationshipsResolver } from './relationships.resolver';
import { RelationshipsService } from './relationships.service';

@Module({
  providers: [RelationshipsService, RelationshipsResolver],
  exports: [RelationshipsService],
})
export class RelationshipsModule {}
