package org.residentregistry.api.disclosure;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.residentregistry.api.disclosure.DisclosureController.IdentityDisclosure;
import org.residentregistry.core.identity.ChangeReason;
import org.residentregistry.core.identity.PersonName;
import org.residentregistry.core.prefecture.Municipality;
import org.residentregistry.core.prefecture.Prefecture;
import org.residentregistry.projections.identity.ResidentRecordView;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;

/**
 * The printable identity disclosure — 本人確認情報開示書: the disclosure as an A4 PDF in Japanese, in IPAexGothic
 * embedded as a subset so that it prints the same everywhere. A message converter, so that content negotiation
 * picks it for {@code Accept: application/pdf} and the request is answered (and logged) by the JSON's handler.
 */
@Component
class IdentityDisclosureReport extends AbstractHttpMessageConverter<IdentityDisclosure> {

    static final MediaType PDF = MediaType.APPLICATION_PDF;
    private static final String FONT = "/fonts/ipaexg.ttf";
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter JAPANESE_DATE = DateTimeFormatter.ofPattern("uuuu年M月d日");
    private static final String NONE = "なし";

    private final Prefecture prefecture;
    private final Clock clock;
    /** Read once: 6 MB that every report parses again (a parsed font is not safe to share between threads). */
    private final byte[] font;

    IdentityDisclosureReport(Prefecture prefecture, Clock clock) {
        super(PDF);
        this.prefecture = prefecture;
        this.clock = clock;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream(FONT), FONT)) {
            this.font = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected boolean supports(Class<?> type) {
        return IdentityDisclosure.class.equals(type);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected IdentityDisclosure readInternal(Class<? extends IdentityDisclosure> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("A disclosure report is only written", input);
    }

    @Override
    protected void writeInternal(IdentityDisclosure disclosure, HttpOutputMessage output) throws IOException {
        byte[] pdf = render(disclosure);
        output.getHeaders().setContentDisposition(ContentDisposition.inline()
                .filename("identity-disclosure-" + disclosure.record().residentCode().value() + ".pdf").build());
        output.getHeaders().setContentLength(pdf.length);
        output.getBody().write(pdf);
    }

    /** Rendered whole before anything is sent, so a failure is an error response rather than half a file. */
    private byte[] render(IdentityDisclosure disclosure) throws IOException {
        try (PDDocument document = new PDDocument()) {
            document.getDocumentInformation().setTitle("本人確認情報開示書");
            PrintedPages pages = new PrintedPages(document,
                    PDType0Font.load(document, new ByteArrayInputStream(font), true));
            pages.heading("本人確認情報開示書", 16);
            pages.item("交付年月日", LocalDate.now(clock.withZone(JAPAN)).format(JAPANESE_DATE));
            pages.item("住民票コード", disclosure.record().residentCode().value());
            pages.gap();
            pages.heading("現在の本人確認情報（第" + disclosure.record().version() + "版）", 12);
            items(pages, disclosure.record());
            if (!disclosure.earlierVersions().isEmpty()) {
                pages.gap();
                pages.heading("保存されている過去の本人確認情報（履歴情報）", 12);
            }
            for (ResidentRecordView version : disclosure.earlierVersions()) {
                pages.gap();
                pages.heading("第" + version.version() + "版", 10.5f);
                items(pages, version);
            }
            return pages.finish();
        }
    }

    /** Every item of one version, in the order and with the labels of domain.md §1.1. */
    private void items(PrintedPages pages, ResidentRecordView record) {
        pages.item("住民票コード", record.residentCode().value());
        pages.item("漢字氏名", record.name().kanji());
        pages.item("ふりがな氏名", record.name().kana());
        pages.item("生年月日", record.birthDate().format(JAPANESE_DATE));
        pages.item("性別", switch (record.sex()) {
            case MALE -> "男";
            case FEMALE -> "女";
        });
        pages.item("住所", record.address().text());
        pages.item("個人番号", record.individualNumber() == null ? NONE : record.individualNumber().value());
        pages.item("異動事由", changeReason(record.changeReason()));
        pages.item("異動年月日", record.changeDate().format(JAPANESE_DATE));
        pages.item("市町村コード", record.municipalityCode().value() + " " + prefecture.municipality(record.municipalityCode())
                .map(Municipality::name).orElse(""));
        pages.item("旧氏", formerSurname(record.formerSurname()));
        pages.item("状態", switch (record.status()) {
            case CURRENT -> "現存";
            case REMOVED -> "消除";
        });
    }

    private static String formerSurname(PersonName formerSurname) {
        return formerSurname == null ? NONE : formerSurname.kanji() + "（" + formerSurname.kana() + "）";
    }

    /** The Japanese terms of domain.md §2.2. */
    private static String changeReason(ChangeReason reason) {
        return switch (reason) {
            case MOVE_IN -> "転入";
            case BIRTH -> "出生";
            case EX_OFFICIO_RECORD -> "職権記載";
            case OTHER_RECORD -> "その他記載";
            case MOVE_WITHIN -> "転居";
            case ADDRESS_REDESIGNATION -> "住居表示の実施等";
            case NAME_CHANGE -> "氏名の変更";
            case FORMER_SURNAME -> "旧氏の記載・削除";
            case INDIVIDUAL_NUMBER_CHANGE -> "個人番号の変更";
            case EX_OFFICIO_CORRECTION -> "職権修正";
            case RESIDENT_CODE_CHANGE -> "住民票コードの変更";
            case MOVE_OUT -> "転出";
            case DEATH -> "死亡";
            case EX_OFFICIO_REMOVAL -> "職権消除";
            case OTHER_REMOVAL -> "その他消除";
            case EX_OFFICIO_RESTORATION -> "職権回復";
        };
    }
}
