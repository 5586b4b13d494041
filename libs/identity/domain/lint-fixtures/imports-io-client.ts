import { Pool } from 'pg';

export const io = Pool;
