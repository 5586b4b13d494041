export * from './gateway.module';
export { SMPP_OUTBOUND_SENDER, SmppModule } from './smpp/smpp.module';
