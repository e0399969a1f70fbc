namespace Garrison.Reading.Loading;

public sealed class DocumentLoaderOptions
{
    /// <summary>
    /// Files above this size are refused before any byte is read, so that memory stays bounded whatever the input.
    /// News reports are a few kilobytes; 16 MB leaves room for long analysis pieces and saved HTML pages.
    /// </summary>
    public long MaxBytes { get; init; } = 16 * 1024 * 1024;
}
