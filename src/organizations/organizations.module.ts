import { Module } from '@nestjs/common';
import {
  OrganizationsResolver,
  PlaceResolver,
  RelationshipResolver,
  SectorResolver,
} from './organizations.resolver';
import { OrganizationsService } from './organizations.service';

@Module({
  providers: [
    OrganizationsService,
    OrganizationsResolver,
    SectorResolver,
    PlaceResolver,
    RelationshipResolver,
  ],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
