import { Module } from '@nestjs/common';
import { HistoryController } from './history.controller.js';
import { HistoryService } from './history.service.js';

@Module({ providers: [HistoryService], controllers: [HistoryController] })
export class HistoryModule {}
