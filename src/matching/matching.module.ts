import { Module } from '@nestjs/common';
import {
  CapabilityMatchResolver,
  IntroductionPathResolver,
  MatchingResolver,
} from './matching.resolver';
import { MatchingService } from './matching.service';

@Module({
  providers: [MatchingService, MatchingResolver, CapabilityMatchResolver, IntroductionPathResolver],
  exports: [MatchingService],
})
export class MatchingModule {}
