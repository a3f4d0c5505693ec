// The OWL API's OWL 2 DL profile checker over one or more RDF files, its findings printed as JSON.
//
// Run with Java's single-file source mode, no build step (cityref.ontology.profile finds the classpath):
//     java -cp <owlapi and its dependency jars> ProfileCheck.java FILE... [--and FILE...]...
// Each group of files (groups apart by --and) is checked on its own, in the one JVM: starting Java and compiling
// this file costs about a second, which two checks in a row need not pay twice.
// FILE is N-Triples (.nt) or Turtle (anything else). The files are parsed with RDF4J Rio and merged at the triple
// level (blank nodes stay apart per file), so a data file sees the declarations of the ontology files beside it.
// owl:imports triples are dropped: the merged files are the closure, and nothing is ever fetched. The manager has
// no IRI mapper that could reach the network (one that maps every IRI nowhere) and missing imports are silent.
//
// Output (stdout, one JSON object a line, one line a group, in their order):
//     {"profile": "...", "axioms": N, "violations": [{"kind": "UseOfUndeclaredDatatype", "message": "...",
//      "axiom": "...", "entity": "..."}, ...]}
// Exit status: 0 when the check ran (whatever it found), 2 on a usage error, 3 when a file cannot be read or parsed.

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.rdf4j.model.BNode;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.LinkedHashModel;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.rio.ParserConfig;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.RDFParser;
import org.eclipse.rdf4j.rio.Rio;
import org.eclipse.rdf4j.rio.helpers.BasicParserSettings;
import org.eclipse.rdf4j.rio.helpers.StatementCollector;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.NTriplesDocumentFormat;
import org.semanticweb.owlapi.io.StreamDocumentSource;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyLoaderConfiguration;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public class ProfileCheck {
    private static final String IMPORTS = "http://www.w3.org/2002/07/owl#imports";

    public static void main(String[] args) {
        List<String[]> groups = new ArrayList<>();
        List<String> group = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--and")) {
                groups.add(group.toArray(new String[0]));
                group = new ArrayList<>();
            } else {
                group.add(arg);
            }
        }
        groups.add(group.toArray(new String[0]));
        for (String[] files : groups) {
            if (files.length == 0) {
                System.err.println("usage: java -cp JARS ProfileCheck.java FILE... [--and FILE...]...");
                System.exit(2);
            }
        }
        for (String[] files : groups) {
            System.out.println(check(files));
        }
    }

    /** One group of files, merged and checked: its report as one line of JSON (exits 3 when it cannot be read). */
    private static String check(String[] paths) {
        byte[] merged;
        try {
            merged = merge(paths);
        } catch (Exception error) {
            System.err.println("cannot read the files: " + error.getMessage());
            System.exit(3);
            return null;
        }
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        manager.getIRIMappers().clear();
        // Every import maps to a document that does not exist: an import left in the data fails silently, offline.
        manager.getIRIMappers().add(iri -> IRI.create(new File("/nonexistent/cityref-no-import").toURI()));
        OWLOntologyLoaderConfiguration config = new OWLOntologyLoaderConfiguration()
                .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.SILENT)
                .setFollowRedirects(false)
                .setStrict(false);
        manager.setOntologyLoaderConfiguration(config);
        OWLOntology ontology;
        try {
            InputStream input = new ByteArrayInputStream(merged);
            ontology = manager.loadOntologyFromOntologyDocument(
                    new StreamDocumentSource(input, IRI.create("urn:cityref:profile-check"), new NTriplesDocumentFormat(), null),
                    config);
        } catch (Exception error) {
            System.err.println("the OWL API cannot load the merged files: " + error.getMessage());
            System.exit(3);
            return null;
        }
        OWL2DLProfile profile = new OWL2DLProfile();
        OWLProfileReport report = profile.checkOntology(ontology);
        StringBuilder out = new StringBuilder();
        out.append("{\"profile\": ").append(quote(profile.getName()));
        out.append(", \"axioms\": ").append(ontology.getAxiomCount());
        out.append(", \"violations\": [");
        List<OWLProfileViolation> violations = new ArrayList<>(report.getViolations());
        for (int i = 0; i < violations.size(); i++) {
            OWLProfileViolation violation = violations.get(i);
            OWLAxiom axiom = violation.getAxiom();
            Object entity = violation.getExpression();
            if (i > 0) {
                out.append(", ");
            }
            out.append("{\"kind\": ").append(quote(violation.getClass().getSimpleName()));
            out.append(", \"message\": ").append(quote(violation.toString().trim()));
            out.append(", \"axiom\": ").append(axiom == null ? "null" : quote(axiom.toString()));
            out.append(", \"entity\": ").append(entity == null ? "null" : quote(entity.toString()));
            out.append("}");
        }
        out.append("]}");
        return out.toString();
    }

    /** Every file's triples as one N-Triples document, without owl:imports; blank nodes renamed per file. */
    private static byte[] merge(String[] paths) throws Exception {
        ValueFactory values = SimpleValueFactory.getInstance();
        Model model = new LinkedHashModel();
        for (int index = 0; index < paths.length; index++) {
            String path = paths[index];
            RDFFormat format = path.endsWith(".nt") ? RDFFormat.NTRIPLES : RDFFormat.TURTLE;
            // Keeping the parser's own labels (and prefixing them with the file's number) spares RDF4J's generated
            // labels, which need JAXB, absent from Java 17.
            RDFParser parser = Rio.createParser(format);
            parser.setParserConfig(new ParserConfig().set(BasicParserSettings.PRESERVE_BNODE_IDS, true));
            Model parsed = new LinkedHashModel();
            parser.setRDFHandler(new StatementCollector(parsed));
            try (InputStream in = new FileInputStream(path)) {
                parser.parse(in, new File(path).toURI().toString());
            } catch (Exception error) {
                throw new Exception(path + ": " + error.getMessage(), error);
            }
            String prefix = "f" + index + "x";
            for (Statement statement : parsed) {
                if (statement.getPredicate().stringValue().equals(IMPORTS)) {
                    continue;
                }
                Resource subject = (Resource) rename(values, statement.getSubject(), prefix);
                Value object = rename(values, statement.getObject(), prefix);
                model.add(subject, statement.getPredicate(), object);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Rio.write(model, bytes, RDFFormat.NTRIPLES);
        return bytes.toByteArray();
    }

    private static Value rename(ValueFactory values, Value value, String prefix) {
        return value instanceof BNode ? values.createBNode(prefix + ((BNode) value).getID()) : value;
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }
}
