import { Module } from '@nestjs/common';
import { ConnectorResolver, InsightsResolver } from './insights.resolver';
import { InsightsService } from './insights.service';

@Module({ providers: [InsightsService, InsightsResolver, ConnectorResolver] })
export class InsightsModule {}
