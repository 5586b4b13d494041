import { S3FileStorage } from './s3-file-storage';

describe('S3FileStorage signing (AWS Signature Version 4)', () => {
  it('signs a GET Object as the AWS documentation example does', () => {
    // docs.aws.amazon.com, "Signature Calculations for the Authorization Header", GET Object example.
    const storage = new S3FileStorage({
      url: 'https://examplebucket.s3.amazonaws.com',
      region: 'us-east-1',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    });
    const headers = storage.sign('GET', 'test.txt', { Range: 'bytes=0-9' }, Buffer.alloc(0), new Date('2013-05-24T00:00:00Z'));
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });
});
