import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module.js';
import { MonthlyReportService } from './monthly-report.service.js';
import { ReportsController } from './reports.controller.js';

@Module({ imports: [LiveModule], providers: [MonthlyReportService], controllers: [ReportsController] })
export class ReportsModule {}
