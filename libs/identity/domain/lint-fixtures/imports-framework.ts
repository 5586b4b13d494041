import { Injectable } from '@nestjs/common';

export const framework = Injectable;
