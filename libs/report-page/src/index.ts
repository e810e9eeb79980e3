// The report page (static files in ../assets): served by the API, inlined into one file by the CLI.
export { chartLibraryPath, isPageAsset, PAGE_ASSETS, pageAssetsDir, readPageFile, type PageAssetName } from './page-assets';
export { jsonForScript, PAGE_ASSET_PREFIX, selfContainedHtml, servedPageHtml, type InlinedPageData } from './page-document';
export { collectModelReport, type GetJson, type ModelReportRequest } from './model-report';
