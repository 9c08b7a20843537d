import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module.js';
import { FactorsController } from './factors.controller.js';

@Module({ imports: [LiveModule], controllers: [FactorsController] })
export class FactorsModule {}
