export * from './assert-never';
