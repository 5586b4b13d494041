export * from './gateway.module';
export { SMPP_COMMUNICATION_SENDER, SMPP_OUTBOUND_SENDER, SmppModule } from './smpp/smpp.module';
