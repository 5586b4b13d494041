export * from './assert-never';
export * from './storable-text';
