import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module.js';
import { HistoryController } from './history.controller.js';
import { HistoryService } from './history.service.js';

@Module({ imports: [LiveModule], providers: [HistoryService], controllers: [HistoryController] })
export class HistoryModule {}
