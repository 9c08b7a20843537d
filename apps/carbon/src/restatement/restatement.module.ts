import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module.js';
import { RestatementController } from './restatement.controller.js';
import { RestatementService } from './restatement.service.js';

@Module({ imports: [LiveModule], providers: [RestatementService], controllers: [RestatementController] })
export class RestatementModule {}
