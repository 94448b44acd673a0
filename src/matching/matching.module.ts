import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { limitsForStore, MATCHING_OPTIONS, type MatchingOptions } from './matching.config';
import {
  CapabilityMatchResolver,
  IntroductionPathResolver,
  MatchingResolver,
} from './matching.resolver';
import { MatchingService } from './matching.service';

@Module({
  providers: [
    {
      provide: MATCHING_OPTIONS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): MatchingOptions => ({
        limits: limitsForStore(config.graphStore),
        learnWeights: config.fitWeights,
      }),
    },
    MatchingService,
    MatchingResolver,
    CapabilityMatchResolver,
    IntroductionPathResolver,
  ],
  exports: [MatchingService],
})
export class MatchingModule {}
